// Precompiled for every navigator_test target (cmake/NavigatorTargets.cmake):
// GoogleTest plus what the libraries' header holds.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "library.h"
