package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code policy.yaml}: what the policy is, where its criteria come from, what it builds on.
 * {@code removes} names criterion files ({@code x.drl}) or included folders of the extended policy
 * that this one drops (a criterion the other text does not have, a classification table a newer
 * guideline replaces), so extending stays a file-level diff. {@code differences} records where the
 * policy's verdicts knowingly depart from an authority's own implementation or verdicts (testssl.sh's
 * rating, Mozilla's generator, internet.nl), each with the source that decides; the comparison tests
 * fail on a difference that is not recorded, and on a recorded one that no longer occurs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyManifest(String id, String title, String version, String status, List<Source> sources,
                             String description, @JsonProperty("extends") String extendsPolicy, List<String> includes,
                             List<String> removes, List<Difference> differences) {

    public PolicyManifest(String id, String title, String version, String status, List<Source> sources, String description,
                          String extendsPolicy, List<String> includes, List<String> removes) {
        this(id, title, version, status, sources, description, extendsPolicy, includes, removes, null);
    }

    public PolicyManifest {
        differences = differences == null ? List.of() : List.copyOf(differences);
        sources = sources == null ? List.of() : List.copyOf(sources);
        includes = includes == null ? List.of() : List.copyOf(includes);
        removes = removes == null ? List.of() : List.copyOf(removes);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String title, String url) {
    }

    /**
     * One known departure from an authority: on {@code criterion} (or {@code none} for something
     * the policy does not judge) this policy says {@code ours} (a status, or {@code NOT_JUDGED})
     * where the authority says {@code theirs} (words of its own output, or {@code no cap});
     * {@code decides} is the source that settles it and {@code why} the argument.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(String authority, String criterion, String ours, String theirs, String decides, String why) {
    }
}
