/**
 * For whoever deploys the add-on: run logOAuthClientId from the Apps Script editor once to learn
 * the OAuth client id Google puts in this script's identity tokens. The backend's
 * GOOGLE_CLIENT_ID must name it, or every call is refused as signed for someone else.
 * Only the client id (the token's audience, not a secret) is logged, never the token.
 */
function logOAuthClientId() {
  var claims = identityTokenClaims_(identityToken_());
  console.log('GOOGLE_CLIENT_ID for the Azulejo backend: ' + claims.aud);
  return claims.aud;
}

/** The claims of a JWT (its middle part, base64url-encoded JSON); the signature is not checked here. */
function identityTokenClaims_(token) {
  var payload = String(token).split('.')[1] || '';
  return JSON.parse(utf8Decode_(base64UrlDecode_(payload)));
}

var BASE64_ALPHABET_ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url text → array of byte values (written out: Utilities is not among the services used). */
function base64UrlDecode_(text) {
  var bytes = [];
  var buffer = 0;
  var bits = 0;
  String(text).replace(/=+$/, '').split('').forEach(function (character) {
    var value = BASE64_ALPHABET_.indexOf(character === '+' ? '-' : character === '/' ? '_' : character);
    if (value < 0) {
      throw new Error('Not base64url: ' + character);
    }
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  });
  return bytes;
}

function utf8Decode_(bytes) {
  var escaped = bytes.map(function (byte) { return '%' + (byte < 16 ? '0' : '') + byte.toString(16); }).join('');
  return decodeURIComponent(escaped);
}
