<?php

declare(strict_types=1);

namespace SdkgenRuntime\Models\Errors;

use SdkgenRuntime\Utils\CallResponse;

/**
 * A response the API description does not declare: another status or another content type.
 * Its message never quotes the body, which may hold credentials.
 */
class SDKException extends SDKBaseException
{
    public function __construct(string $message, CallResponse $response)
    {
        parent::__construct(\sprintf('%s: Status %d Content-Type "%s"', $message, $response->statusCode, $response->contentType), $response);
    }
}
