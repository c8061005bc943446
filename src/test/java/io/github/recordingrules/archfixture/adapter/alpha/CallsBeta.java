package io.github.recordingrules.archfixture.adapter.alpha;

import io.github.recordingrules.archfixture.adapter.beta.Beta;
import io.github.recordingrules.archfixture.adapter.http.Shared;

/** Breaks the adapters rule: one adapter calls another (using the shared HTTP layer is allowed). */
public class CallsBeta {

    Beta beta;
    Shared shared;
}
