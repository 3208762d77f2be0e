<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests\Support;

/** A string-backed enum, as the emitter writes one. */
enum Color: string
{
    case Red = 'red';
    case Green = 'green';
}
