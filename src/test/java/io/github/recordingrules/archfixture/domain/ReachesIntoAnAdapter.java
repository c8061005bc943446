package io.github.recordingrules.archfixture.domain;

import io.github.recordingrules.archfixture.adapter.alpha.CallsBeta;

/** Breaks the domain rule: the domain knows an adapter. */
public class ReachesIntoAnAdapter {

    CallsBeta adapter;
}
