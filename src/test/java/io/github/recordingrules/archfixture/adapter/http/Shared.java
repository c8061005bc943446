package io.github.recordingrules.archfixture.adapter.http;

/** What every adapter may use. */
public class Shared {
}
