/**
 * Recording rules: the strict parser (what is valid, docs/SPEC.md §2) and the evaluation (which tracks
 * are recorded, docs/SPEC.md §3). The rule semantics live here and nowhere else.
 */
package io.github.recordingrules.domain.rules;
