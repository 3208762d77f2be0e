<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests\Support;

/** An int-backed enum, as the emitter writes one. */
enum Level: int
{
    case Low = 0;
    case High = 1;
}
