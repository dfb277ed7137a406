// Reads a file of JSON texts, one a line, and writes each as the native build's nlohmann/json parses and
// dumps it (or "invalid"). tests/wasm/numbers.test.mjs holds the wasm build, whose strtod and snprintf
// are its own (wasm/libc_overrides.cpp), to the same output.
#include <fstream>
#include <iostream>
#include <string>

#include "smartcp/json.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: smartcp_json_echo FILE\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::string line;
  while (std::getline(in, line)) {
    const auto json = smartcp::Json::parse(line, nullptr, false);
    std::cout << (json.is_discarded() ? std::string("invalid") : json.dump(-1, ' ', false, smartcp::Json::error_handler_t::replace)) << '\n';
  }
  return 0;
}
