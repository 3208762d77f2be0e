<?php

declare(strict_types=1);

// The router of the `php -S` server RealServerTest starts: it answers with what it received, or as told by
// the path (/status/503, /redirect?to=..., /hang).

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (preg_match('#^/status/(\d+)$#', $path, $m) === 1) {
    http_response_code((int) $m[1]);
    header('Content-Type: text/plain');
    echo 'status ' . $m[1];
    return true;
}
if ($path === '/redirect') {
    http_response_code(303);
    header('Location: ' . $_GET['to']);
    return true;
}
$headers = [];
foreach (getallheaders() as $name => $value) {
    $headers[strtolower($name)] = $value;
}
header('Content-Type: application/json; charset=utf-8');
echo json_encode([
    'method' => $_SERVER['REQUEST_METHOD'],
    'uri' => $_SERVER['REQUEST_URI'],
    'headers' => $headers,
    'body' => file_get_contents('php://input'),
], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
return true;
