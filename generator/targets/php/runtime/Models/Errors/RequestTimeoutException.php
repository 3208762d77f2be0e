<?php

declare(strict_types=1);

namespace SdkgenRuntime\Models\Errors;

/** An attempt took longer than its timeout. */
class RequestTimeoutException extends SDKBaseException
{
    public function __construct(string $message, ?\Throwable $previous = null)
    {
        parent::__construct($message, null, $previous);
    }
}
