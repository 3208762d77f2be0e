<?php

declare(strict_types=1);

namespace SdkgenRuntime\Models\Errors;

use SdkgenRuntime\Utils\CallResponse;

/** The base of the errors the API description declares; the message is the one the API sent, when it sent one. */
abstract class APIException extends SDKBaseException
{
    public function __construct(string $message, CallResponse $response)
    {
        parent::__construct($message, $response);
    }
}
