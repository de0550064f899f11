<?php

require __DIR__ . "/../vendor/autoload.php";

echo (new Acme\Greeter())->greet(), PHP_EOL;
