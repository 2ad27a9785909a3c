package io.sieve.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A user profile; attributes such as age or country feed segment popularity and rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(String id, Map<String, Object> attributes) {

    public User {
        attributes = attributes == null ? Map.of() : Attributes.copyOf(attributes);
    }

    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        Ids.check("id", id, errors);
        Attributes.validate(attributes, errors);
        return errors;
    }
}
