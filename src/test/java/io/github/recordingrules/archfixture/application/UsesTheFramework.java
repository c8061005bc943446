package io.github.recordingrules.archfixture.application;

import jakarta.ws.rs.core.Response;

/** Breaks the application and framework-free rules: a use case answers HTTP. */
public class UsesTheFramework {

    Response answer() {
        return Response.ok().build();
    }
}
