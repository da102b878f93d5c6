package org.tlsverdict.policy.cases;

import org.tlsverdict.policy.Status;

/** The outcome of one case: expected vs actual status and message. */
public record CaseResult(String policy, String criterion, String file, String name, Status expected, Status actual,
                         String expectedMessage, String actualMessage, String error) {

    public boolean passed() {
        return error == null && expected == actual
                && (expectedMessage == null || (actualMessage != null && actualMessage.contains(expectedMessage)));
    }

    public String describeFailure() {
        if (error != null) {
            return file + ": " + name + ": " + error;
        }
        StringBuilder sb = new StringBuilder(file).append(": ").append(name).append(": expected ").append(expected);
        if (expectedMessage != null) {
            sb.append(" with message containing '").append(expectedMessage).append('\'');
        }
        return sb.append(", got ").append(actual).append(": ").append(actualMessage).toString();
    }
}
