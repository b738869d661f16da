"""View state and command text in, typed answers or one FieldErrors out; one module per form."""
