// A printf for the few formats nlohmann/json's serializer and lexer use ("\\u%04x", "<U+%.4X>"): in the
// wasm build it stands in for libc's snprintf (wasm/libc_overrides.cpp), whose full machinery is about
// 7 KB of the module. Integers only: flags '0' and '-', width, precision, the length modifiers h, hh, l,
// ll, z (read as the promoted type), conversions d i u x X c s %. Anything else is written as '?'.
// Tested against the platform's snprintf in tests/core/format_lite_test.cpp.
#pragma once

#include <cstdarg>
#include <cstddef>

namespace smartcp::lite {

// Like vsnprintf: writes at most size - 1 characters and a NUL, returns the length it would have had.
inline int vformat(char* out, std::size_t size, const char* format, std::va_list args) {
  std::size_t length = 0;
  const auto put = [&](char c) {
    if (length + 1 < size) out[length] = c;
    ++length;
  };
  for (const char* f = format; *f; ++f) {
    if (*f != '%') {
      put(*f);
      continue;
    }
    ++f;
    bool zero = false;
    bool left = false;
    for (;; ++f) {
      if (*f == '0') zero = true;
      else if (*f == '-') left = true;
      else break;
    }
    int width = 0;
    while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    int precision = -1;
    if (*f == '.') {
      precision = 0;
      ++f;
      while (*f >= '0' && *f <= '9') precision = precision * 10 + (*f++ - '0');
    }
    int longs = 0;
    while (*f == 'h' || *f == 'l' || *f == 'z') longs += *f++ == 'h' ? 0 : 1;
    char digits[24];
    int count = 0;
    const char* text = digits;
    bool negative = false;
    switch (*f) {
      case '%':
        put('%');
        continue;
      case 'c':
        digits[0] = static_cast<char>(va_arg(args, int));
        count = 1;
        break;
      case 's':
        text = va_arg(args, const char*);
        while (text[count] && (precision < 0 || count < precision)) ++count;
        break;
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X': {
        const bool is_signed = *f == 'd' || *f == 'i';
        unsigned long long value;
        if (longs >= 2) value = is_signed ? static_cast<unsigned long long>(va_arg(args, long long)) : va_arg(args, unsigned long long);
        else if (longs == 1) value = is_signed ? static_cast<unsigned long long>(va_arg(args, long)) : va_arg(args, unsigned long);
        else value = is_signed ? static_cast<unsigned long long>(va_arg(args, int)) : va_arg(args, unsigned int);
        if (is_signed && static_cast<long long>(value) < 0) {
          negative = true;
          value = 0 - value;
        }
        const unsigned base = (*f == 'x' || *f == 'X') ? 16 : 10;
        const char* alphabet = *f == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        char reversed[24];
        int n = 0;
        while (value) {
          reversed[n++] = alphabet[value % base];
          value /= base;
        }
        if (precision < 0 && n == 0) reversed[n++] = '0';  // "%.0d" of 0 is empty, "%d" of 0 is "0"
        while (n < precision) reversed[n++] = '0';
        for (int i = 0; i < n; ++i) digits[i] = reversed[n - 1 - i];
        count = n;
        if (precision >= 0) zero = false;  // a precision turns the 0 flag off
        break;
      }
      default:
        put('?');
        if (!*f) return static_cast<int>(length);  // a '%' at the end
        continue;
    }
    const int shown = count + (negative ? 1 : 0);
    const int pad = width > shown ? width - shown : 0;
    if (!left && !zero) for (int i = 0; i < pad; ++i) put(' ');
    if (negative) put('-');
    if (!left && zero) for (int i = 0; i < pad; ++i) put('0');
    for (int i = 0; i < count; ++i) put(text[i]);
    if (left) for (int i = 0; i < pad; ++i) put(' ');
  }
  if (size) out[length < size ? length : size - 1] = '\0';
  return static_cast<int>(length);
}

inline int format(char* out, std::size_t size, const char* format_text, ...) {
  std::va_list args;
  va_start(args, format_text);
  const int n = vformat(out, size, format_text, args);
  va_end(args);
  return n;
}

}  // namespace smartcp::lite
