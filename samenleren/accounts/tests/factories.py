import factory
from allauth.account.models import EmailAddress

from samenleren.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@school.example")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    preferred_language = "nl"
    password = factory.django.Password("geheim-wachtwoord-123")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Every factory person has a verified primary address unless verified=False."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)
