<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** A variable of a server URL template. */
final class ServerVariable
{
    /** The name between braces in the URL. */
    public readonly string $name;

    /** The value used when the client sets none. */
    public readonly string $default;

    /** @var list<string> The allowed values (an OpenAPI enum); empty means any value. */
    public readonly array $values;

    public function __construct(string $name, string $default, string ...$values)
    {
        $this->name = $name;
        $this->default = $default;
        $this->values = \array_values($values);
    }
}
