package io.github.recordingrules.archfixture.adapter.http;

import io.github.recordingrules.archfixture.adapter.beta.Beta;

/** Breaks the HTTP-layer rule: the shared layer knows an adapter. */
public class KnowsAnAdapter {

    Beta beta;
}
