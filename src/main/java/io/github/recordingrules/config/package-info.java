/**
 * Configuration ({@code @ConfigMapping}) and the CDI wiring of the framework-free core. Outside this
 * package only the mappings are used.
 */
package io.github.recordingrules.config;
