package org.tlsverdict.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.derived.Classified;
import org.tlsverdict.facts.derived.Observation;

class ObservationTest {

    @Test
    void describesItselfAndIsADerivedFact() {
        Observation o = new Observation("STARTTLS on port 587");
        assertThat(o.describe()).isEqualTo("STARTTLS on port 587");
        assertThat(new Classified("cap:T", o).describe()).isEqualTo("STARTTLS on port 587 [cap:T]");
        assertThat(o).isEqualTo(new Observation("STARTTLS on port 587"));
    }
}
