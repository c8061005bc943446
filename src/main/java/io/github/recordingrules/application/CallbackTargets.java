package io.github.recordingrules.application;

import java.util.Optional;

/** Which {@code StatusCallback} URLs may be stored (docs/SPEC.md §11.1.6). */
public interface CallbackTargets {

    /** Why the URL is refused, when that can be told without contacting anything. */
    Optional<String> refusal(String url);
}
