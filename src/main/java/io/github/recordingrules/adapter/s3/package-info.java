/**
 * Recordings' media in Amazon S3: the {@link io.github.recordingrules.application.MediaLinks} that presigns
 * GETs with the AWS SDK for Java v2. Depends on the application and the domain only.
 */
package io.github.recordingrules.adapter.s3;
