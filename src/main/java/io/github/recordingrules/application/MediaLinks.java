package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Recording;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where a recording's media can be downloaded: an object store makes a link that expires (docs/SPEC.md §5.21). */
public interface MediaLinks {

    /**
     * A link to the recording's media, valid for {@code ttl}, that asks the store to answer with this
     * {@code Content-Disposition} (null: the object's own); empty when this store does not hold the media.
     */
    Optional<URI> link(String roomSid, Recording recording, Duration ttl, String contentDisposition);
}
