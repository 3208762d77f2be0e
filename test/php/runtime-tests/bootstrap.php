<?php

declare(strict_types=1);

// The runtime as the emitter copies it, under its placeholder namespace, plus the Debian-packaged Guzzle and PSR interfaces.
require_once '/usr/share/php/Psr/Http/Message/autoload.php';
require_once '/usr/share/php/Psr/Http/Client/autoload.php';
require_once '/usr/share/php/GuzzleHttp/autoload.php';

spl_autoload_register(static function (string $class): void {
    $roots = [
        'SdkgenRuntime\\Tests\\' => __DIR__ . '/',
        'SdkgenRuntime\\' => dirname(__DIR__, 3) . '/generator/targets/php/runtime/',
    ];
    foreach ($roots as $prefix => $dir) {
        if (str_starts_with($class, $prefix)) {
            $file = $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require_once $file;
            }
            return;
        }
    }
});
