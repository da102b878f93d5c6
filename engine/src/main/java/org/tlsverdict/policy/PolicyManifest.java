package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code policy.yaml}: what the policy is, where its criteria come from, what it builds on.
 * {@code removes} names criterion files ({@code x.drl}) or included folders of the extended policy
 * that this one drops (a criterion the other text does not have, a classification table a newer
 * guideline replaces), so extending stays a file-level diff.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyManifest(String id, String title, String version, String status, List<Source> sources,
                             String description, @JsonProperty("extends") String extendsPolicy, List<String> includes,
                             List<String> removes) {

    public PolicyManifest {
        sources = sources == null ? List.of() : List.copyOf(sources);
        includes = includes == null ? List.of() : List.copyOf(includes);
        removes = removes == null ? List.of() : List.copyOf(removes);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String title, String url) {
    }
}
