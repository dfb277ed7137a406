# Writes a C++ source holding the built-in catalog JSON files as string literals, so the core needs
# no file system at run time (there is none in the WebAssembly build).
function(smartcp_embed_catalogs output)
  set(body "")
  set(list "")
  foreach(file IN LISTS ARGN)
    get_filename_component(name "${file}" NAME_WE)
    file(READ "${file}" content)
    string(REGEX REPLACE "\n *" "" content "${content}")
    string(APPEND body "constexpr char k_${name}[] = R\"smartcp_json(${content})smartcp_json\";\n")
    string(APPEND list "      {\"${name}\", k_${name}},\n")
  endforeach()
  file(CONFIGURE OUTPUT "${output}" CONTENT "// Generated from core/catalog/*.json by CMake. Do not edit.
#include \"smartcp/catalog.hpp\"

namespace smartcp {
namespace {
${body}}  // namespace

const std::vector<BuiltinCatalog>& builtin_catalogs() {
  static const std::vector<BuiltinCatalog> catalogs{
${list}  };
  return catalogs;
}

}  // namespace smartcp
" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARGN})
endfunction()
