/**
 * The scheduled sweep (docs/SPEC.md §11.1.4): the EventBridge rule of serverless.yml invokes the function with
 * a constant API Gateway v2 event for {@link io.github.recordingrules.adapter.schedule.SweepResource#PATH}, and
 * the function delivers what is due.
 */
package io.github.recordingrules.adapter.schedule;
