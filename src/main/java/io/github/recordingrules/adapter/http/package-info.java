/**
 * What every HTTP-facing adapter shares: Twilio's error body and the exception mappers, parameter
 * errors, public URLs, dates, the paging envelope, the request body limit, the JSON bodies that REST
 * answers and callback answers both carry, and Twilio's request signature (checked on callbacks received,
 * made on callbacks sent). Depends on no other adapter.
 */
package io.github.recordingrules.adapter.http;
