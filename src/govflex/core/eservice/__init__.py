"""Rules of the citizen e-service: tracking codes, service forms, the request's status flow."""
