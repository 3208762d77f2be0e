<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** A JSON value that does not fit its model: where, and why. */
class JsonIssue extends \Exception
{
    /** Where the value is, such as `$.services[0].status`. */
    public readonly string $path;

    public function __construct(string $path, string $message)
    {
        parent::__construct($message);
        $this->path = $path;
    }
}
