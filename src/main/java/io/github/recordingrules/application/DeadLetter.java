package io.github.recordingrules.application;

/**
 * A message that could not be delivered within the retry period; kept until its room expires.
 *
 * @param deadLettered store time (microseconds) it was given up
 */
public record DeadLetter(String roomSid, PendingMessage pending, long deadLettered, int attempts, String reason) {
}
