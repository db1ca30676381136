# The Locust side of the drop-in comparison (locust_compat_test.cpp): the
# same user classes, tasks, weights and waits as plugins/compat.cpp.
from locust import HttpUser, constant, task


class Shopper(HttpUser):
    wait_time = constant(0.05)

    @task(3)
    def index(self):
        self.client.get("/")

    @task(1)
    def missing(self):
        with self.client.get("/status/500", catch_response=True) as response:
            if response.status_code == 500:
                response.failure("got 500")


class Admin(HttpUser):
    weight = 2
    wait_time = constant(0.1)

    @task
    def audit(self):
        self.client.get("/bytes/100")
