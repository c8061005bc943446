package io.github.recordingrules.domain.rules;

/** A rule set that breaks docs/SPEC.md §2.3. Answered as Twilio's 53120; the rules in force stay as they were. */
public final class InvalidRulesException extends Exception {

    private final Integer ruleIndex;

    InvalidRulesException(Integer ruleIndex, String reason) {
        super(reason);
        this.ruleIndex = ruleIndex;
    }

    /** The zero-based position of the offending rule, or null when the problem is the set itself. */
    public Integer ruleIndex() {
        return ruleIndex;
    }

    public String reason() {
        return getMessage();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Refused input is an expected outcome, not a fault: no stack trace to collect.
        return this;
    }
}
