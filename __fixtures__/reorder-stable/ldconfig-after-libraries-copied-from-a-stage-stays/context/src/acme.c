int acme_answer(void) { return 42; }
