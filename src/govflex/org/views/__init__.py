"""Web views of the organisation, one module per screen group."""
