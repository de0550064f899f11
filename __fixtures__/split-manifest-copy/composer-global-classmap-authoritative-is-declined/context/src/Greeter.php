<?php

namespace Acme;

final class Greeter
{
    public function greet(): string
    {
        return "hello";
    }
}
