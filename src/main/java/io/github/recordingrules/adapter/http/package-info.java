/**
 * What every HTTP-facing adapter shares: Twilio's error body and the exception mappers, parameter
 * errors, public URLs, dates, the paging envelope, the request body limit, and the JSON bodies that REST
 * answers and callback answers both carry. Depends on no other adapter.
 */
package io.github.recordingrules.adapter.http;
