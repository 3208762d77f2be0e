<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** How a security scheme carries its credential. */
final class SecurityScheme
{
    /**
     * @param string $key  The scheme's name in the API description, the key of its credential.
     * @param string $kind apiKey, bearer or basic.
     * @param string $in   header, query or cookie (apiKey only).
     * @param string $name The header, query parameter or cookie name (apiKey only).
     */
    public function __construct(
        public readonly string $key,
        public readonly string $kind,
        public readonly string $in,
        public readonly string $name,
    ) {
    }
}
