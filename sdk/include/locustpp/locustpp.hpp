// locustpp C++ SDK: everything a plugin author includes.
#pragma once
#include "locustpp/builders.hpp"
#include "locustpp/control.hpp"
#include "locustpp/host.hpp"
#include "locustpp/http.hpp"
#include "locustpp/module.hpp"
#include "locustpp/sleep.hpp"
#include "locustpp/task.hpp"
#include "locustpp/user.hpp"
