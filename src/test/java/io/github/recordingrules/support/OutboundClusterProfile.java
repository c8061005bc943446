package io.github.recordingrules.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link OutboundProfile} on a 3-master Redis Cluster ({@link RedisClusterProfile}). */
public class OutboundClusterProfile extends OutboundProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.putAll(new RedisClusterProfile().getConfigOverrides());
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OutboundTestResource.class),
                new TestResourceEntry(RedisClusterProfile.Resource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
