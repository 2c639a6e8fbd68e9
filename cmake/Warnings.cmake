# Warnings are errors for every target of the project.
add_compile_options(-Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers)

# GCC 12 at -O2 reports -Warray-bounds / -Wstringop-overflow inside libstdc++'s
# own std::string code once it is inlined (GCC bugs 105329, 105651): warnings
# about the standard library, not our code. They stay warnings in optimised
# builds; every other warning is still an error there, and all are in Debug.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  add_compile_options($<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-Wno-error=array-bounds>
                      $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-Wno-error=stringop-overflow>)
endif()

if(NAVIGATOR_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
