// locustpp C++ SDK: everything a plugin author includes.
#pragma once
#include "locustpp/background.hpp"
#include "locustpp/builders.hpp"
#include "locustpp/control.hpp"
#include "locustpp/environment.hpp"
#include "locustpp/host.hpp"
#include "locustpp/http.hpp"
#include "locustpp/measure.hpp"
#include "locustpp/module.hpp"
#include "locustpp/shape.hpp"
#include "locustpp/sleep.hpp"
#include "locustpp/task.hpp"
#include "locustpp/user.hpp"
