<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** A user name and password for HTTP basic authentication. */
final class BasicAuth
{
    public function __construct(
        public readonly string $username,
        public readonly string $password,
    ) {
    }
}
