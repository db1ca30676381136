# The Locust side of the cluster tests (cluster_test.cpp): the same user
# class as plugins/cluster.cpp, for a Python master driving locustpp workers.
from locust import HttpUser, constant, task


class Reader(HttpUser):
    wait_time = constant(0.05)

    @task
    def index(self):
        self.client.get("/")

    @task
    def bytes(self):
        self.client.get("/bytes/100")
