"""What the test suite and the benchmarks share: the real Application on a temporary
database against the in-process Bot API (botkit), a loopback feed server, a Bot API served
over HTTP for whole processes, a newsroom of sample feeds, story fixtures and PostgreSQL
scratch schemas. tests/ holds tests only; bench/ measures with the same pieces."""
