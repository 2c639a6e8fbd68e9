// The translation unit of the targets that own the shared precompiled headers
// (cmake/NavigatorTargets.cmake); it defines nothing.
