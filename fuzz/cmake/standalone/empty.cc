// Source of an unbuilt stand-in target; see CMakeLists.txt.
