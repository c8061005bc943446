/**
 * The use cases ({@link io.github.recordingrules.application.RoomService}) and the ports they need
 * ({@link io.github.recordingrules.application.RoomStore}). Depends on the domain only.
 */
package io.github.recordingrules.application;
