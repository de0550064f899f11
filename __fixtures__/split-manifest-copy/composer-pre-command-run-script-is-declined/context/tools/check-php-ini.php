<?php
// fail early when the PHP settings the app needs are missing
if (!extension_loaded("json")) { fwrite(STDERR, "ext-json missing\n"); exit(1); }
