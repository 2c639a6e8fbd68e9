#include "navigator/apiserver/registry/store_impl.h"

namespace navigator::registry {

template class Store<api::ElasticsearchCluster>;
template class Store<api::CassandraCluster>;
template class Store<api::Pilot>;

}  // namespace navigator::registry
