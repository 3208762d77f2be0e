<?php

declare(strict_types=1);

namespace SdkgenRuntime\Models\Errors;

/** The server could not be reached, or the connection broke. */
class ConnectionException extends SDKBaseException
{
    public function __construct(string $message, ?\Throwable $previous = null)
    {
        parent::__construct($message, null, $previous);
    }
}
